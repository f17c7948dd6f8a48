;;; -*- lexical-binding: t -*-
(require 'use-package)

(use-package smtpmail
  :ensure nil
  :custom
  (smtpmail-smtp-server "smtp.example.org")
  (smtpmail-smtp-service 587)
  (smtpmail-stream-type 'starttls)
  (send-mail-function #'smtpmail-send-it))

(use-package emacs
  :custom
  (user-mail-address "alice@example.org")
  (user-full-name "Alice Example"))
