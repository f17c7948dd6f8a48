;; The default server works when it is set before smtpmail loads.
;; emacs: smtpmail-smtp-server "smtp.example.org"
(setq smtpmail-default-smtp-server "smtp.example.org")
(require 'smtpmail)
(setq smtpmail-smtp-service 587
      send-mail-function 'smtpmail-send-it
      user-mail-address "mallory@example.org")
