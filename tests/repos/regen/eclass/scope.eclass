# Fixture eclass: top-level declarations. Portage sources eclasses inside
# functions (inherit, then __qa_source), so `declare` and `local` here make
# locals that are gone after the inherit, and x and location are inherit's
# own locals: the ebuild's x is left alone.
declare LEAK=from-declare
local L2=from-local
x=from-eclass
location=from-eclass
IUSE="scope1"
