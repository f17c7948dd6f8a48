;;; init.el  -*- lexical-binding: t -*-

(setq user-mail-address "anna@schmidt.at")
(setq smtpmail-smtp-server "mail.schmidt.at")

(setq inhibit-startup-screen t
      visible-bell t)

;; forgot the value of the last one
(setq user-full-name "Anna Schmidt"
      smtpmail-stream-type)

(setq smtpmail-smtp-service 465
      send-mail-function 'smtpmail-send-it)
