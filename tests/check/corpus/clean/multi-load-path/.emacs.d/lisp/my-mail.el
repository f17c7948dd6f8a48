;;; my-mail.el --- mail settings  -*- lexical-binding: t -*-
(setq user-mail-address "alice@example.org"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
(provide 'my-mail)
;;; my-mail.el ends here
