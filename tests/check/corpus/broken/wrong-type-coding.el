;; expect: 7:7 warning wrong-type
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
(require 'smtpmail)
(setq smtpmail-code-conv-from "utf-8")
