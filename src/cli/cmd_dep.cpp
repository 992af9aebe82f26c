// pkgscan dep parse: validate atoms and show their canonical form or fields.
#include <cctype>
#include <cstdio>
#include <memory>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "options.hpp"
#include "pkgscan/atom.hpp"

namespace pkgscan::cli {
namespace {

struct DepParseOptions {
  std::string eapi = "9";
  bool json = false;
  std::vector<std::string> atoms;
};

const char* op_name(Op op, bool glob) {
  switch (op) {
    case Op::None: return nullptr;
    case Op::Less: return "<";
    case Op::LessEq: return "<=";
    case Op::Equal: return glob ? "=*" : "=";
    case Op::Approx: return "~";
    case Op::GreaterEq: return ">=";
    case Op::Greater: return ">";
  }
  return nullptr;
}

const char* use_kind_name(UseDep::Kind k) {
  switch (k) {
    case UseDep::Kind::Enabled: return "enabled";
    case UseDep::Kind::Disabled: return "disabled";
    case UseDep::Kind::Equal: return "equal";
    case UseDep::Kind::NotEqual: return "not-equal";
    case UseDep::Kind::IfEnabled: return "if-enabled";
    case UseDep::Kind::IfDisabled: return "if-disabled";
  }
  return "";
}

nlohmann::json sym_or_null(Symbol s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.str()); }

nlohmann::json atom_json(std::string_view input, const Atom& a) {
  nlohmann::json j;
  j["input"] = input;
  j["atom"] = a.str();
  j["blocker"] = a.blocker == Blocker::Strong ? nlohmann::json("!!")
                 : a.blocker == Blocker::Weak ? nlohmann::json("!")
                                              : nlohmann::json(nullptr);
  const char* op = op_name(a.op, a.glob);
  j["op"] = op ? nlohmann::json(op) : nlohmann::json(nullptr);
  j["category"] = a.category.str();
  j["package"] = a.package.str();
  if (a.version) {
    j["version"] = a.version->without_revision();
    j["revision"] = a.version->has_revision() ? nlohmann::json(a.version->revision()) : nlohmann::json(nullptr);
  } else {
    j["version"] = nullptr;
    j["revision"] = nullptr;
  }
  j["slot"] = sym_or_null(a.slot);
  j["subslot"] = sym_or_null(a.subslot);
  j["slot_op"] = a.slot_op == SlotOp::Rebuild ? nlohmann::json("=")
                 : a.slot_op == SlotOp::Any   ? nlohmann::json("*")
                                              : nlohmann::json(nullptr);
  nlohmann::json use = nlohmann::json::array();
  for (const UseDep& d : a.use) {
    nlohmann::json u;
    u["flag"] = d.flag.str();
    u["kind"] = use_kind_name(d.kind);
    u["default"] = d.def == UseDep::Default::Enabled    ? nlohmann::json("+")
                   : d.def == UseDep::Default::Disabled ? nlohmann::json("-")
                                                        : nlohmann::json(nullptr);
    use.push_back(std::move(u));
  }
  j["use"] = std::move(use);
  return j;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Returns false when the input was not a valid atom.
bool parse_one(std::string_view input, Eapi eapi, bool json) {
  ParseError err;
  auto atom = Atom::parse(input, eapi, &err);
  if (json) {
    nlohmann::json j = atom ? atom_json(input, *atom) : nlohmann::json{{"input", input}, {"error", err.message}};
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (atom) {
    std::cout << atom->str() << '\n';
  } else {
    std::cerr << "pkgscan dep parse: " << input << ": " << err.message << '\n';
  }
  return atom.has_value();
}

void run(const DepParseOptions& opt, Context& ctx) {
  auto eapi = Eapi::parse(opt.eapi);
  if (!eapi || opt.eapi.empty()) {
    std::cerr << "pkgscan dep parse: unknown EAPI '" << opt.eapi << "'\n";
    ctx.exit_code = 2;
    return;
  }
  bool all_ok = true;
  bool from_stdin = opt.atoms.empty() || (opt.atoms.size() == 1 && opt.atoms[0] == "-");
  if (from_stdin) {
    std::string line;
    while (std::getline(std::cin, line)) {
      std::string_view s = trim(line);
      if (s.empty()) continue;
      all_ok &= parse_one(s, *eapi, opt.json);
    }
  } else {
    for (const std::string& a : opt.atoms) all_ok &= parse_one(a, *eapi, opt.json);
  }
  std::cout.flush();
  ctx.exit_code = all_ok ? 0 : 1;
}

}  // namespace

void add_dep_command(CLI::App& app, Context& ctx) {
  auto* dep = app.add_subcommand("dep", "Work with package dependency atoms");
  dep->require_subcommand(1);
  auto opt = std::make_shared<DepParseOptions>();
  auto* parse = dep->add_subcommand("parse", "Parse atoms and print their canonical form (stdin with '-' or no args)");
  value_option(parse, "--eapi", opt->eapi, "EAPI to parse under (default: 9, the latest)");
  parse->add_flag("--json", opt->json, "One JSON object per input line");
  parse->add_option("atoms", opt->atoms, "Atoms, or '-' to read one per line from stdin");
  parse->callback([opt, &ctx] { run(*opt, ctx); });
}

}  // namespace pkgscan::cli
