;; expect: 6:7 error stream-type-invalid
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      user-mail-address "alice@example.org")
(setq smtpmail-stream-type 'tls-required)
