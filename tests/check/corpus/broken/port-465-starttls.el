;; expect: 7:7 error port-465-without-tls
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      user-mail-address "alice@example.org")
(setq smtpmail-stream-type 'starttls)
(setq smtpmail-smtp-service 465)
