;; -*- no-byte-compile: t; -*-
(package! visual-fill-column)
