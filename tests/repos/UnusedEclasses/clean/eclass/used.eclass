# used
inherit base
