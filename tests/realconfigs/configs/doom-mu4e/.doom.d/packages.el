;; -*- no-byte-compile: t; -*-
;;; $DOOMDIR/packages.el

(package! org-super-agenda)
(package! mu4e-alert :disable t)
(package! org-msg)
(package! evil-snipe :disable t)
(unpin! org-roam)
