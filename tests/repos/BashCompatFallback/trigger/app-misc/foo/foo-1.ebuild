EAPI=9
DESCRIPTION="An EAPI 9 package"
HOMEPAGE="https://example.org/foo"
LICENSE="MIT"
SLOT=0
KEYWORDS="~amd64"
