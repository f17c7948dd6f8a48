;; -*- no-byte-compile: t; -*-
(package! org-msg)
