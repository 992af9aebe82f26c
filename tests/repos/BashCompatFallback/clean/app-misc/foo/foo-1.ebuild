EAPI=8
DESCRIPTION="A package for tests"
HOMEPAGE="https://example.org/foo"
LICENSE="MIT"
SLOT=0
KEYWORDS="~amd64"
