# local
