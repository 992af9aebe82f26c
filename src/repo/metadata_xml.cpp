// metadata.xml: a hardened libxml2 parse, then one walk that fills the plain
// MetadataXml value (content and findings). See metadata_xml.hpp.
#include "pkgscan/metadata_xml.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <cctype>
#include <mutex>

#include "glep68.hpp"

namespace pkgscan {

namespace {

std::string_view name_of(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trimmed(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Words joined by single spaces (what pkgcore does to descriptions).
std::string collapsed(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ws(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_ws(s[i])) ++i;
    if (i > start) {
      if (!out.empty()) out += ' ';
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

// All text below a node, in document order (lxml's itertext()).
void append_text(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      out += reinterpret_cast<const char*>(c->content);
    else if (c->type == XML_ELEMENT_NODE)
      append_text(c, out);
  }
}

std::string all_text(const xmlNode* n) {
  std::string out;
  append_text(n, out);
  return out;
}

// An attribute's value without libxml2's copy (xmlGetNoNsProp allocates):
// parsed values are one text node.
std::string attr(const xmlNode* n, std::string_view name, bool* present = nullptr) {
  if (present) *present = false;
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->ns || !a->name || name != reinterpret_cast<const char*>(a->name)) continue;
    if (present) *present = true;
    const xmlNode* c = a->children;
    if (!c) return {};
    if (!c->next && c->type == XML_TEXT_NODE && c->content) return reinterpret_cast<const char*>(c->content);
    xmlChar* v = xmlNodeListGetString(n->doc, c, 1);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }
  return {};
}

// lang absent or "en": the English element pkgcore reads.
bool english(const xmlNode* n) {
  bool present = false;
  std::string lang = attr(n, "lang", &present);
  return !present || lang == "en";
}

// --- libxml2 with the safe settings ------------------------------------------

struct ParseErrors {
  std::string message;  // the first fatal error, else the first error
  int line = 0;
  bool fatal = false;
  bool entity_declared = false;
  std::string entity;
};

void on_error(void* user, xmlErrorPtr e) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  auto* errors = static_cast<ParseErrors*>(ctxt->_private);
  // Only fatal errors make a document unusable; others (an undeclared entity
  // when the DOCTYPE names an external DTD we do not load) leave it usable,
  // and the structure walk reports what matters.
  if (!errors || e->level < XML_ERR_ERROR || errors->fatal) return;
  if (!errors->message.empty() && e->level != XML_ERR_FATAL) return;
  // libxml2 messages may span lines ("...indicate encoding !\nBytes: 0xE9"): keep one line.
  errors->message = e->message ? collapsed(e->message) : "unknown XML error";
  errors->line = e->line;
  errors->fatal = e->level == XML_ERR_FATAL;
}

// Entity declarations are refused outright: real metadata.xml files have
// none, and refusing them closes both entity expansion bombs and external
// entities (file or network) before libxml2 does anything with them.
void on_entity_decl(void* user, const xmlChar* name, int, const xmlChar*, const xmlChar*, xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  auto* errors = static_cast<ParseErrors*>(ctxt->_private);
  if (errors && !errors->entity_declared) {
    errors->entity_declared = true;
    errors->entity = name ? reinterpret_cast<const char*>(name) : "";
    errors->line = xmlSAX2GetLineNumber(ctxt);
  }
  xmlStopParser(ctxt);
}

// Options: no network, no DTD loading or attribute defaulting, no entity
// substitution (XML_PARSE_NOENT unset), default size and depth limits
// (XML_PARSE_HUGE unset), errors collected instead of printed, real line
// numbers past 65535.
// XML_PARSE_COMPACT keeps short texts inside their nodes (fewer allocations;
// the tree is only read).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                              XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;

// --- the walk ----------------------------------------------------------------

// Elements that may be empty: markers, and <flag>, whose empty text
// MissingLocalUseDesc reports instead (as pkgcheck does).
bool may_be_empty(std::string_view name) {
  return name == "flag" || name == "stabilize-allarches" || name == "straight-to-stable";
}

// An element with no child nodes other than text, and only blank text (the
// test lxml users write as "no children and no text").
bool empty_element(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      for (const xmlChar* t = c->content; t && *t; ++t)
        if (!is_ws(static_cast<char>(*t))) return false;
      continue;
    }
    return false;  // an element, comment, processing instruction or entity reference
  }
  return true;
}

void walk_descendants(const xmlNode* n, MetadataXml& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_COMMENT_NODE) {
      if (c->content && trimmed(reinterpret_cast<const char*>(c->content)) == "maintainer-needed")
        out.maintainer_needed_comment = true;
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = name_of(c);
    if (!may_be_empty(name) && empty_element(c)) out.empty_elements.push_back({glep68::line_of(c), std::string(name)});
    if (name == "pkg" || name == "cat") {
      std::string text = trimmed(all_text(c));
      if (!text.empty()) (name == "pkg" ? out.pkg_refs : out.cat_refs).push_back({text, glep68::line_of(c)});
    }
    walk_descendants(c, out);
  }
}

// The content pkgcore reads from the children of <pkgmetadata>.
void read_content(const xmlNode* root, MetadataXml& out) {
  bool have_longdesc = false, have_use = false;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = name_of(c);
    if (name == "maintainer") {
      MetadataXml::Maintainer m;
      m.type = trimmed(attr(c, "type"));
      m.line = glep68::line_of(c);
      for (const xmlNode* f = c->children; f; f = f->next) {
        if (f->type != XML_ELEMENT_NODE) continue;
        if (name_of(f) == "email" && m.email.empty()) m.email = trimmed(all_text(f));
        else if (name_of(f) == "name" && m.name.empty()) m.name = trimmed(all_text(f));
      }
      out.maintainers.push_back(std::move(m));
    } else if (name == "longdescription" && !have_longdesc && english(c)) {
      have_longdesc = true;  // only the first English one counts, even when empty
      std::string text = collapsed(all_text(c));
      if (!text.empty()) out.longdescription = std::move(text);
    } else if (name == "use" && !have_use && english(c)) {
      have_use = true;
      for (const xmlNode* f = c->children; f; f = f->next) {
        if (f->type != XML_ELEMENT_NODE || name_of(f) != "flag") continue;
        bool named = false;
        std::string flag = trimmed(attr(f, "name", &named));
        if (!named || out.use_flag(flag)) continue;
        out.use_flags.push_back({flag, collapsed(all_text(f)), glep68::line_of(f)});
      }
    } else if (name == "stabilize-allarches") {
      out.stabilize_allarches = true;
    } else if (name == "upstream") {
      for (const xmlNode* u = c->children; u; u = u->next)
        if (u->type == XML_ELEMENT_NODE && name_of(u) == "remote-id")
          out.remote_ids.push_back({trimmed(attr(u, "type")), trimmed(all_text(u)), glep68::line_of(u)});
    }
  }
}

// Python's str.isspace() for the characters that can start a line: the
// indentation rule below is pkgcheck's, which reads lines as Python text.
std::size_t leading_space_char(std::string_view s, char32_t& cp) {
  if (s.empty()) return 0;
  auto c = static_cast<unsigned char>(s[0]);
  if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1f)) {
    cp = c;
    return 1;
  }
  // The multi-byte spaces: U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028,
  // U+2029, U+202F, U+205F, U+3000.
  auto b = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  if (c == 0xc2 && (b(1) == 0x85 || b(1) == 0xa0)) {
    cp = b(1);
    return 2;
  }
  if (c == 0xe1 && b(1) == 0x9a && b(2) == 0x80) {
    cp = 0x1680;
    return 3;
  }
  if (c == 0xe2 && b(1) == 0x80 && (b(2) <= 0x8a || b(2) == 0xa8 || b(2) == 0xa9 || b(2) == 0xaf)) {
    cp = 0x2000 + (b(2) - 0x80);
    return 3;
  }
  if (c == 0xe2 && b(1) == 0x81 && b(2) == 0x9f) {
    cp = 0x205f;
    return 3;
  }
  if (c == 0xe3 && b(1) == 0x80 && b(2) == 0x80) {
    cp = 0x3000;
    return 3;
  }
  return 0;
}

// The first indentation character of the file is the reference; every line
// whose indentation holds another character is listed. Blank lines do not
// count. Lines end at \n, \r\n or \r.
std::vector<int> mixed_indentation(std::string_view text) {
  std::vector<int> lines;
  char32_t reference = 0;
  bool have_reference = false;
  int line = 0;
  std::size_t i = 0;
  const bool has_cr = text.find('\r') != std::string_view::npos;
  while (i < text.size()) {
    ++line;
    std::size_t end;
    if (has_cr) {  // rare: old Mac or Windows line ends
      end = i;
      while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    } else {
      end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
    }
    std::string_view l = text.substr(i, end - i);
    i = end;
    if (i < text.size()) i += (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;

    // The reference may be set by this very line, but only if it is not blank.
    std::size_t pos = 0, n;
    char32_t cp = 0, first = 0;
    bool mixed = false;
    while ((n = leading_space_char(l.substr(pos), cp)) > 0) {
      if (pos == 0) first = cp;
      char32_t ref = have_reference ? reference : first;
      mixed |= cp != ref;
      pos += n;
    }
    if (pos == l.size()) continue;  // blank line
    if (pos > 0 && !have_reference) {
      reference = first;
      have_reference = true;
    }
    if (mixed) lines.push_back(line);
  }
  return lines;
}

// The document was read as UTF-8: no other encoding declared, no UTF-16 or
// UTF-32 byte order mark or zero bytes libxml2 would have detected.
bool utf8(const xmlDoc* doc, std::string_view bytes) {
  if (doc->encoding) {
    std::string enc;
    for (const xmlChar* c = doc->encoding; *c; ++c) enc += static_cast<char>(std::toupper(*c));
    if (enc != "UTF-8" && enc != "UTF8") return false;
  }
  return bytes.size() < 2 || (static_cast<unsigned char>(bytes[0]) != 0xff && static_cast<unsigned char>(bytes[0]) != 0xfe &&
                              bytes[0] != '\0' && bytes[1] != '\0');
}

// One parser context per thread, reused for every file: creating one costs
// more than parsing a typical metadata.xml. Its name dictionary keeps every
// distinct element and attribute name seen, so a context that has seen many
// (hostile files inventing names) is replaced.
xmlParserCtxtPtr thread_parser() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  struct Owner {
    xmlParserCtxtPtr ctxt = nullptr;
    void renew() {
      if (ctxt) xmlFreeParserCtxt(ctxt);
      ctxt = xmlNewParserCtxt();
      if (!ctxt) return;
      ctxt->sax->serror = on_error;
      ctxt->sax->entityDecl = on_entity_decl;
    }
    ~Owner() {
      if (ctxt) xmlFreeParserCtxt(ctxt);
    }
  };
  constexpr int kMaxNames = 10000;  // real files share a few dozen
  thread_local Owner owner;
  if (!owner.ctxt || (owner.ctxt->dict && xmlDictSize(owner.ctxt->dict) > kMaxNames)) owner.renew();
  return owner.ctxt;
}

// What xmlCtxtReadMemory does, minus its input "growing": libxml2's memory
// input has a read callback that returns nothing, and libxml2 calls it (with
// buffer reallocations) whenever fewer than 250 bytes are left to parse --
// for files of a few hundred bytes, most of the time, at more cost than the
// parse itself. Without the callback the whole input, already in the
// buffer, is simply parsed. No encoding is forced: libxml2 reads UTF-8 as
// it is (forcing "UTF-8" copies through a converter) and still refuses bytes
// that are not UTF-8; another declared encoding is refused after the parse.
xmlDocPtr parse_document(xmlParserCtxtPtr ctxt, std::string_view bytes) {
  xmlCtxtReset(ctxt);
  xmlParserInputBufferPtr buffer =
      xmlParserInputBufferCreateMem(bytes.data(), static_cast<int>(bytes.size()), XML_CHAR_ENCODING_NONE);
  if (!buffer) return nullptr;
  buffer->readcallback = nullptr;  // everything is in the buffer already
  xmlParserInputPtr input = xmlNewIOInputStream(ctxt, buffer, XML_CHAR_ENCODING_NONE);
  if (!input) {
    xmlFreeParserInputBuffer(buffer);
    return nullptr;
  }
  if (inputPush(ctxt, input) < 0) return nullptr;  // inputPush frees the input when it fails
  xmlCtxtUseOptions(ctxt, kParseOptions);
  xmlParseDocument(ctxt);
  xmlDocPtr doc = ctxt->myDoc;
  ctxt->myDoc = nullptr;
  if (doc && !ctxt->wellFormed) {
    xmlFreeDoc(doc);
    doc = nullptr;
  }
  return doc;
}

}  // namespace

const MetadataXml::UseFlag* MetadataXml::use_flag(std::string_view name) const {
  for (const UseFlag& f : use_flags)
    if (f.name == name) return &f;
  return nullptr;
}

MetadataXml parse_metadata_xml(std::string_view bytes, MetadataXmlKind kind) {
  MetadataXml out;
  out.state = MetadataXml::State::Unusable;
  if (bytes.size() > kMaxMetadataXmlBytes) {
    out.error = "is " + std::to_string(bytes.size()) + " bytes, more than the " +
                std::to_string(kMaxMetadataXmlBytes >> 20) + " MiB a metadata.xml may have: not parsed";
    return out;
  }
  xmlParserCtxtPtr ctxt = thread_parser();
  if (!ctxt) {
    out.error = "cannot be parsed: out of memory";
    return out;
  }
  ParseErrors errors;
  ctxt->_private = &errors;
  xmlDocPtr doc = parse_document(ctxt, bytes);
  ctxt->_private = nullptr;
  const bool well_formed = ctxt->wellFormed != 0;

  xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : nullptr;
  if (errors.entity_declared) {
    out.error = "declares entity '" + errors.entity +
                "': entity declarations are refused (nothing is expanded or fetched)";
    out.error_line = errors.line;
  } else if (!doc || !root || !well_formed) {
    out.error = "is not well formed xml: " + (errors.message.empty() ? std::string("no root element") : errors.message);
    out.error_line = errors.line;
  } else if (!utf8(doc, bytes)) {
    // GLEP 31: metadata.xml is UTF-8 whatever its declaration says.
    out.error = "is not UTF-8 (declared or detected encoding '" +
                std::string(doc->encoding ? reinterpret_cast<const char*>(doc->encoding) : "UTF-16") +
                "'): metadata.xml must be UTF-8";
    out.error_line = 1;
  } else {
    out.state = MetadataXml::State::Parsed;
    glep68::check(root, kind, out.violations);
    if (kind == MetadataXmlKind::Package) read_content(root, out);
    walk_descendants(root, out);
    // Comments outside the root element count too (lxml's //comment()).
    for (const xmlNode* c = doc->children; c; c = c->next)
      if (c->type == XML_COMMENT_NODE && c->content &&
          trimmed(reinterpret_cast<const char*>(c->content)) == "maintainer-needed")
        out.maintainer_needed_comment = true;
    out.mixed_indentation = mixed_indentation(bytes);
  }
  if (doc) xmlFreeDoc(doc);
  return out;
}

MetadataXml read_metadata_xml(const FileSystem& fs, const std::string& path, MetadataXmlKind kind,
                              std::optional<FileType> known, FileInfo* read) {
  MetadataXml out;
  // stat first: opening a FIFO would block, and a directory is a finding.
  switch (known ? *known : fs.stat(path)) {
    case FileType::Missing:
      return out;
    case FileType::Directory:
      out.state = MetadataXml::State::Unusable;
      out.error = "is a directory, not a file";
      return out;
    case FileType::Other:
      out.state = MetadataXml::State::Unusable;
      out.error = "is not a regular file (a dangling symlink, device or pipe)";
      return out;
    case FileType::Regular:
      break;
  }
  thread_local std::string buf;
  std::string err;
  FileInfo info;
  if (!fs.read_file_info(path, buf, &err, info)) {
    out.state = MetadataXml::State::Unusable;
    // "cannot read: Permission denied" -> "cannot be read: Permission denied"
    if (err.starts_with("cannot read")) err.replace(0, 11, "cannot be read");
    out.error = err.empty() ? "cannot be read" : err;
    return out;
  }
  if (read) *read = info;
  out = parse_metadata_xml(buf, kind);
  if (buf.capacity() > (kMaxMetadataXmlBytes << 1)) std::string().swap(buf);  // do not keep a huge buffer per thread
  return out;
}

}  // namespace pkgscan
