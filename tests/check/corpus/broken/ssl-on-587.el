;; expect: 5:7 error tls-on-starttls-port
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'ssl
      user-mail-address "alice@example.org")
