;; -*- no-byte-compile: t; -*-
(package! mu4e-views)
