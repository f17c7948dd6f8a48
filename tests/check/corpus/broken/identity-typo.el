;; expect: 8:7 warning unknown-variable
;; expect: .emacs.d/init.el:0 warning no-sender
;; emacs: user-mail-address "tester@localhost"
(setq mail-host-address "localhost")
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587)
(setq user-mail-adress "alice@example.org")
