;; expect: 5:7 error port-465-without-tls
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 465
      user-mail-address "alice@example.org")
