;; expect: 8:7 info value-unknown
;; status: 0
;;; init.el --- the SMTP host lives in pass(1), read at start-up
(use-package password-store :ensure t)
(setq user-mail-address "alice@example.org"
      user-full-name "Alice Example"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server (password-store-get-field "mail/work" "smtp-host")
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)
