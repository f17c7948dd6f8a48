;;; init.el --- -*- lexical-binding: t; -*-
;; Lives in ~/.config/emacs

(setq custom-file (locate-user-emacs-file "custom-vars.el"))
(load custom-file 'noerror 'nomessage)

(dolist (module '("ui" "mail"))
  (load (expand-file-name (concat "modules/" module) user-emacs-directory) nil 'nomessage))

(setq user-full-name "Mateus Costa")
