;;; init.el --- -*- lexical-binding: t; -*-

(setq user-full-name "Lukas Meier"
      user-mail-address "lukas@meier.ch")

(setopt use-short-answers t
        smtpmail-smtp-server "mail.infomaniak.com")

(setq send-mail-function #'smtpmail-send-it
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)

(keymap-global-set "C-c m" #'compose-mail)

(use-package eglot
  :hook ((python-ts-mode . eglot-ensure)))

(setq smtpmail-smtp-user "lukas@meier.ch")
