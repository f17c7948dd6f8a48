;;; init.el -*- lexical-binding: t -*-

(setq user-mail-address "isabel@fernandes.br")

(require 'server)
(unless (server-running-p)
  (server-start))

(setq desktop-dirname "~/.emacs.d/desktop/"
      desktop-save t
      desktop-load-locked-desktop t)
(desktop-save-mode 1)

(setq user-full-name "Isabel Fernandes")
(setq smtpmail-smtp-server "smtp.uol.com.br"
      smtpmail-smtp-service 587
      send-mail-function 'smtpmail-send-it)
(setq smtpmail-local-domain "fernandes.br")
