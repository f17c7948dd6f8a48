;;; init.el

(setq gc-cons-threshold 100000000)
(put 'downcase-region 'disabled nil)
(global-font-lock-mode 1)
(global-auto-revert-mode t)
(tool-bar-mode -1)
(menu-bar-mode -1)
(scroll-bar-mode -1)

(add-hook 'before-save-hook 'delete-trailing-whitespace)
(global-set-key (kbd "C-x C-b") 'ibuffer)

;; This defines the password variables below
(when (file-exists-p "~/.emacs.d/private.el")
  (progn
    (load-file "~/.emacs.d/private.el")
    (setq user-full-name irc-real-name)))

(load-file "~/.emacs.d/private.el")

(add-to-list 'load-path "~/.emacs.d/lisp/")

(setq user-mail-address my-mail-address
      smtpmail-smtp-server my-smtp-host
      smtpmail-default-smtp-server my-smtp-host
      smtpmail-smtp-service 587
      send-mail-function 'smtpmail-send-it)

(when (file-exists-p "~/.emacs.d/work.el")
  (load-file "~/.emacs.d/work.el")
  (setq user-mail-address my-work-address))

(require 'ido)
(setq ido-enable-flex-matching t)
(ido-mode +1)

(require 'use-package)
(use-package smtpmail
  :config
  (setq smtpmail-debug-info t))
