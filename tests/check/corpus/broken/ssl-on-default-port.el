;; The port stays 25 when smtpmail-smtp-service is not set.
;; expect: 8:7 error tls-on-starttls-port
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      user-mail-address "alice@example.org")
(require 'smtpmail)
(setq smtpmail-stream-type 'ssl)
