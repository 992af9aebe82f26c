#pragma once
// GLEP 68 structure of metadata.xml, checked by rules written in code (see
// glep68.cpp for why not with an XSD). Internal to the repo module.
#include <libxml/tree.h>

#include <vector>

#include "pkgscan/metadata_xml.hpp"

namespace pkgscan::glep68 {

// Appends one finding per violation under `root` (the document's root
// element), in document order.
void check(xmlNodePtr root, MetadataXmlKind kind, std::vector<MetadataXml::Located>& out);

// The line of a node, 1-based (0 when libxml2 does not know it).
int line_of(const xmlNode* node);

}  // namespace pkgscan::glep68
