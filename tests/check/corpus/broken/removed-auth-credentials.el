;; expect: 7:7 warning removed-variable
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      user-mail-address "alice@example.org")
(setq smtpmail-auth-credentials
      '(("smtp.example.org" 587 "alice@example.org" "secret")))
