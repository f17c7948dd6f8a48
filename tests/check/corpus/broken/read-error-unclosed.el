;; expect: 8:1 error read-error
;; status: 65
;; emacs: smtpmail-smtp-server "smtp.example.org"
;; emacs: smtpmail-smtp-service 25
(setq user-mail-address "alice@example.org"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org")
(setq smtpmail-smtp-service 587
