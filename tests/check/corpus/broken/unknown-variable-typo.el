;; expect: 4:1 warning unknown-variable
;; expect: 7:1 error no-server
;; status: 78
(setq smtpmail-smtp-sever "smtp.example.org")
(setq smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
(setq send-mail-function 'smtpmail-send-it)
