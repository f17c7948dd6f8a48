;;; early-init.el
(setq package-enable-at-startup nil)
(setq user-mail-address "carol@example.org")
