;; expect: 5:7 warning unknown-variable
;; expect: 8:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(setq smtpmail-smtp-sever "smtp.example.org")
(setq smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
(setq send-mail-function 'smtpmail-send-it)
