// View: FileSystem calls on git content, symlinks, and the way out to the
// real file system.
#include "view.hpp"

namespace pkgscan::git {

namespace {

// As many hops as Linux allows (MAXSYMLINKS) before a chain is a loop.
constexpr int kMaxHops = 40;

// "a/./b/../c" -> "c" style normalisation of a relative path. Returns false
// when ".." climbs above the start.
bool normalise_rel(std::string_view path, std::string& out) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  out.clear();
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out.append(p);
  }
  return true;
}

std::string dirname_of(const std::string& rel) {
  std::size_t slash = rel.rfind('/');
  return slash == std::string::npos ? std::string() : rel.substr(0, slash);
}

}  // namespace

View::View(std::shared_ptr<Handles> handles, std::string mount)
    : handles_(std::move(handles)), mount_(std::move(mount)), disk_(std::make_unique<DiskCopy>(*this)) {
  while (mount_.size() > 1 && mount_.back() == '/') mount_.pop_back();
}

View::~View() = default;

bool View::relative(const std::string& path, std::string& rel) const {
  if (path.empty() || path[0] != '/') return false;
  std::string abs;
  if (!normalise_rel(std::string_view(path).substr(1), abs)) return false;
  abs.insert(0, "/");
  if (abs == mount_) {
    rel.clear();
    return true;
  }
  if (abs.size() > mount_.size() && abs.compare(0, mount_.size(), mount_) == 0 && abs[mount_.size()] == '/') {
    rel = abs.substr(mount_.size() + 1);
    return true;
  }
  return false;
}

View::Target View::resolve(const std::string& path, bool follow_last) const {
  std::string rel;
  if (!relative(path, rel)) {
    Target t;
    t.outside = true;
    t.abs = path;
    return t;
  }
  return resolve_rel(std::move(rel), follow_last);
}

View::Target View::resolve_rel(std::string rel, bool follow_last) const {
  Target t;
  bool after_hop = false;  // the current path is a link's target, nothing after it
  for (int hops = 0; hops <= kMaxHops; ++hops) {
    Node n = find(rel);
    std::string link_at;  // the path of the link to follow
    std::string rest;     // what comes after it
    if (n.kind == Node::Kind::Link && follow_last) {
      link_at = rel;
    } else if (n.kind != Node::Kind::Missing) {
      t.rel = rel;
      t.node = std::move(n);
      return t;
    } else {
      // Missing as named: perhaps a directory on the way is a symlink.
      std::size_t pos = 0;
      while (true) {
        std::size_t slash = rel.find('/', pos);
        if (slash == std::string::npos) break;
        std::string prefix = rel.substr(0, slash);
        Node p = find(prefix);
        if (p.kind == Node::Kind::Link) {
          link_at = prefix;
          rest = rel.substr(slash);  // "/..."
          break;
        }
        if (p.kind != Node::Kind::Dir) break;
        pos = slash + 1;
      }
      if (link_at.empty()) {
        t.rel = rel;
        if (after_hop) {
          t.node.kind = Node::Kind::Broken;
          t.node.problem = "dangling symlink";
        }
        return t;
      }
    }
    Node link = find(link_at);
    std::string target;
    if (!read_blob(link.oid, target, &t.node.problem)) {
      t.rel = link_at;
      t.node.kind = Node::Kind::Broken;
      return t;
    }
    after_hop = rest.empty();
    std::string next;
    if (!target.empty() && target[0] == '/') {
      std::string abs = target + rest;
      if (!relative(abs, next)) {
        t.outside = true;
        t.abs = abs;
        return t;
      }
    } else {
      std::string joined = dirname_of(link_at);
      joined += (joined.empty() ? "" : "/") + target + rest;
      if (!normalise_rel(joined, next)) {  // climbs out of the mount
        std::string abs = mount_ + "/" + joined;
        if (!relative(abs, next)) {
          t.outside = true;
          std::string norm;
          normalise_rel(std::string_view(abs).substr(1), norm);
          t.abs = "/" + norm;
          return t;
        }
      }
    }
    rel = std::move(next);
  }
  t.rel = rel;
  t.node.kind = Node::Kind::Broken;
  t.node.problem = "symlink loop";
  return t;
}

FileType View::type_of(const Target& t) const {
  if (t.outside) return real_.stat(t.abs);
  switch (t.node.kind) {
    case Node::Kind::Missing: return FileType::Missing;
    case Node::Kind::Dir: return FileType::Directory;
    case Node::Kind::File: return FileType::Regular;
    default: return FileType::Other;  // a submodule, a broken entry, an unfollowed link
  }
}

FileType View::stat(const std::string& path) const { return type_of(resolve(path, true)); }

bool View::read_file(const std::string& path, std::string& out, std::string* err) const {
  out.clear();
  Target t = resolve(path, true);
  if (t.outside) return real_.read_file(t.abs, out, err);
  auto fail = [&](const std::string& why) {
    if (err) *err = "cannot read: " + why;
    return false;
  };
  switch (t.node.kind) {
    case Node::Kind::File: return read_blob(t.node.oid, out, err);
    case Node::Kind::Dir: return fail("Is a directory");
    case Node::Kind::Missing: return fail("No such file or directory");
    case Node::Kind::Submodule: return fail("a git submodule, not a file");
    default: return fail(t.node.problem.empty() ? "unreadable git entry" : t.node.problem);
  }
}

bool View::list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const {
  out.clear();
  Target t = resolve(path, true);
  if (t.outside) return real_.list_dir(t.abs, out, err);
  if (t.node.kind != Node::Kind::Dir) {
    if (err)
      *err = t.node.kind == Node::Kind::Missing ? "cannot list: No such file or directory"
             : t.node.kind == Node::Kind::Broken ? "cannot list: " + t.node.problem
                                                 : "cannot list: Not a directory";
    return false;
  }
  std::vector<Child> scratch;
  const std::vector<Child>* kids = children(t.rel, t.node, scratch, err);
  if (!kids) return false;
  out.reserve(kids->size());
  for (const Child& c : *kids) {
    DirEntry e;
    e.name = c.name;
    switch (c.node.kind) {
      case Node::Kind::Dir: e.type = FileType::Directory; break;
      case Node::Kind::File: e.type = FileType::Regular; break;
      case Node::Kind::Link: {
        e.symlink = true;
        Target lt = resolve_rel(t.rel.empty() ? e.name : t.rel + "/" + e.name, true);
        e.type = type_of(lt);
        if (e.type == FileType::Other) e.problem = lt.node.problem.empty() ? "unfollowable symlink" : lt.node.problem;
        if (e.type == FileType::Missing) {
          e.type = FileType::Other;
          e.problem = "dangling symlink";
        }
        break;
      }
      case Node::Kind::Submodule:
        e.type = FileType::Other;
        e.problem = "git submodule (not scanned)";
        break;
      default:
        e.type = FileType::Other;
        e.problem = c.node.problem;
        break;
    }
    out.push_back(std::move(e));
  }
  return true;
}

bool View::lstat(const std::string& path, FileInfo& out, std::string* err) const {
  out = FileInfo{};
  Target t = resolve(path, false);
  if (t.outside) return real_.lstat(t.abs, out, err);
  auto fail = [&](const std::string& why) {
    if (err) *err = "cannot examine: " + why;
    return false;
  };
  std::string blob;
  switch (t.node.kind) {
    case Node::Kind::Dir: out.type = FileType::Directory; return true;
    case Node::Kind::File:
      if (!read_blob(t.node.oid, blob, err)) return false;
      out.type = FileType::Regular;
      out.executable = t.node.executable;
      out.size = blob.size();
      return true;
    case Node::Kind::Link:
      if (!read_blob(t.node.oid, blob, err)) return false;
      out.type = FileType::Other;
      out.symlink = true;
      out.link_target = std::move(blob);
      return true;
    case Node::Kind::Submodule: out.type = FileType::Other; return true;
    case Node::Kind::Missing: return fail("No such file or directory");
    default: return fail(t.node.problem.empty() ? "unreadable git entry" : t.node.problem);
  }
}

std::string View::on_disk(const std::string& path, std::string* err) const {
  std::string rel;
  if (!relative(path, rel)) return path;  // not ours: the real file already
  return disk_->copy(path, err);
}

bool View::read_blob(const git_oid& oid, std::string& out, std::string* err) const {
  out.clear();
  Handles::Lease lease = handles_->lease();
  if (!lease) {
    if (err) *err = "cannot read: cannot open the git repository: " + last_error();
    return false;
  }
  BlobPtr blob;
  if (git_blob_lookup(blob.out(), lease.get(), &oid) != 0) {
    if (err) *err = "cannot read: git object " + hex(oid) + ": " + last_error();
    return false;
  }
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  out.assign(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  return true;
}

}  // namespace pkgscan::git
