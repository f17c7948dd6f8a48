;; expect: 3:7 warning unknown-variable
;; expect: 4:7 warning no-send-function
(setq send-function 'smtpmail-send-it)
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
