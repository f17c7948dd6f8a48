;;; init.el -*- lexical-binding: t -*-
(add-hook 'emacs-startup-hook
          (lambda ()
            (setq gc-cons-threshold 16777216
                  gc-cons-percentage 0.1)))

(setq user-full-name "Nora Lindgren"
      user-mail-address "nora@lindgren.fi")

(require 'package)
(package-initialize)

(setq message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "mail.kapsi.fi"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)

(add-hook 'after-init-hook
          (lambda () (setq smtpmail-smtp-user "nora")))
