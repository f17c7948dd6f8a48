;;; init.el -*- lexical-binding: t -*-

(require 'package)
(package-initialize)

(setq user-full-name "Noah Becker"
      user-mail-address "noah@becker.dev")

(require 'smtpmail-async)
(setq send-mail-function 'async-smtpmail-send-it
      message-send-mail-function 'async-smtpmail-send-it)

(setq smtpmail-smtp-server "smtp.becker.dev"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      smtpmail-queue-mail nil
      smtpmail-queue-dir "~/Mail/queue/cur")

(use-package async
  :ensure t
  :config (dired-async-mode 1))
