;; expect: 3:7 error config-unusable
;; status: 78
(setq smtpmail-smtp-server 'smtp.example.org)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
