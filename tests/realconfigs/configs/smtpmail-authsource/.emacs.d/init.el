;;; init.el  -*- lexical-binding: t -*-

;;;; General
(setq inhibit-startup-message t)
(setq-default truncate-lines t)
(prefer-coding-system 'utf-8)

;;;; Email
(require 'auth-source)
(setq auth-sources '("~/.authinfo.gpg" "~/.netrc")
      auth-source-debug nil
      auth-source-cache-expiry 86400)
(setq epg-pinentry-mode 'loopback)

(setq user-full-name "Nnamdi Okafor"
      user-mail-address "nnamdi@okafor.ng")

(require 'smtpmail)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.zoho.com"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl
      smtpmail-smtp-user "nnamdi@okafor.ng"
      smtpmail-auth-supported '(login plain)
      smtpmail-debug-info nil
      smtpmail-queue-mail nil
      smtpmail-queue-dir "~/.emacs.d/mail-queue")
(setq smtpmail-servers-requiring-authorization "smtp\\.zoho\\.com")

(setq message-send-mail-function 'smtpmail-send-it)
(setq mail-default-headers "Bcc: nnamdi@okafor.ng\n")
(setq message-default-mail-headers "Bcc: nnamdi@okafor.ng\n")

;;;; Programming
(add-hook 'python-mode-hook (lambda () (setq python-indent-offset 4)))
(add-hook 'c-mode-common-hook (lambda () (c-set-style "linux")))
(setq compilation-scroll-output t)
(global-set-key [f5] 'compile)
(global-set-key [f6] 'recompile)
