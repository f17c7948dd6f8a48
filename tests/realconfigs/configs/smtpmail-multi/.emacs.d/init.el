;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Fatima Zahra")
(setq user-mail-address "fatima@zahra.ma")

(require 'smtpmail-multi)
(setq smtpmail-multi-accounts
      '((personal . ("fatima@zahra.ma" "smtp.zahra.ma" 587 "fatima@zahra.ma" starttls nil nil nil))
        (work . ("f.zahra@corp.ma" "smtp.corp.ma" 465 "f.zahra@corp.ma" ssl nil nil nil))))
(setq smtpmail-multi-associations
      '(("fatima@zahra.ma" personal)
        ("f.zahra@corp.ma" work)))
(setq smtpmail-multi-default-account 'personal)
(setq send-mail-function 'smtpmail-multi-send-it
      message-send-mail-function 'smtpmail-multi-send-it)

(setq smtpmail-debug-info t
      smtpmail-debug-verb t)
(setq smtpmail-smtp-server "smtp.zahra.ma"
      smtpmail-smtp-service 587)
