(require 'use-package)
(setq user-mail-address "bob@example.net")
(use-package smtpmail
  :ensure nil
  :config
  (setq smtpmail-smtp-server "smtp.example.net"
        smtpmail-smtp-service 465
        smtpmail-stream-type 'ssl
        smtpmail-auth-supported '(plain login))
  (setq send-mail-function 'smtpmail-send-it))
