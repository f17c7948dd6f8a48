;;; init.el --- the demo's Emacs init file  -*- lexical-binding: t -*-
;; An ordinary smtpmail setup, as it would sit in ~/.emacs.d/init.el.
;; The demo server's port comes from the environment so the demo can pick a free one.

(setq user-full-name "Alice Q. Example"
      user-mail-address "alice@example.org")

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "127.0.0.1"
      smtpmail-smtp-service (string-to-number (or (getenv "ELSEND_DEMO_PORT") "2525"))
      smtpmail-stream-type 'plain)
