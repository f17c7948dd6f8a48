;; expect: 6:7 error service-invalid
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      user-mail-address "alice@example.org")
(setq smtpmail-smtp-service "587/tcp")
