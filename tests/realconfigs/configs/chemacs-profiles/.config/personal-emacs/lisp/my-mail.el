;;; my-mail.el  -*- lexical-binding: t; -*-

(setq user-mail-address "ines@duarte.example.pt"
      send-mail-function #'smtpmail-send-it
      smtpmail-smtp-server "smtp.fastmail.com"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)

(provide 'my-mail)
