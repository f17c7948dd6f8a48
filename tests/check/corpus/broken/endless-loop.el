;; expect: 5:1 warning evaluation-limit
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "alice@example.org"
      smtpmail-smtp-server "smtp.example.org")
(while t (setq my-counter 1))
(setq smtpmail-smtp-service 587)
