;; expect: 7:48 error read-error
;; status: 65
;; emacs: smtpmail-smtp-server "smtp.example.org"
;; emacs: smtpmail-smtp-service 25
(setq user-mail-address "alice@example.org"
      send-mail-function 'smtpmail-send-it)
(setq smtpmail-smtp-server "smtp.example.org"))
(setq smtpmail-smtp-service 587)
