# Sources fine.
EAPI=8
DESCRIPTION="A package that sources"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT=0
KEYWORDS="~amd64"
