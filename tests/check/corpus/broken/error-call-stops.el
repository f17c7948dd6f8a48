;; expect: 7:1 error init-stops
;; expect: 6:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(setq user-mail-address "alice@example.org"
      send-mail-function 'smtpmail-send-it)
(error "Configuration not finished")
(setq smtpmail-smtp-server "smtp.example.org")
