;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Paula Schmitt")
(setq user-mail-address "paula@schmitt.lu")

(require 'package)
(package-initialize)

(use-package smtpmail
  :ensure nil
  :custom
  (send-mail-function 'smtpmail-send-it)
  (smtpmail-smtp-server "smtp.pt.lu")
  (smtpmail-smtp-service 587)

;; (use-package mu4e ...) comes later
