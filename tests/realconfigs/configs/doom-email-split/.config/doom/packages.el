;; -*- no-byte-compile: t; -*-
;;; $DOOMDIR/packages.el
(package! org-msg)
(package! mu4e-alert)
(unpin! org-roam)
