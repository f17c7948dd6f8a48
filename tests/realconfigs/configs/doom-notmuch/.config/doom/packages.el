;; -*- no-byte-compile: t; -*-
(package! notmuch :pin "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678")
(package! ol-notmuch)
