;;; init.el --- needs a recent Emacs -*- lexical-binding: t -*-

(setq user-full-name "Samuel Okoro"
      user-mail-address "sam@okoro.dev")

(when (version< emacs-version "29.1")
  (error "This config needs Emacs 29.1 or newer, this is %s" emacs-version))

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.okoro.dev"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)

(use-package emacs
  :custom
  (treesit-font-lock-level 4))
