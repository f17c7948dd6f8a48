;; The default server works when it is set before smtpmail loads.
(setq smtpmail-default-smtp-server "smtp.example.org")
(require 'smtpmail)
(setq smtpmail-smtp-service 587
      send-mail-function 'smtpmail-send-it
      user-mail-address "mallory@example.org")
