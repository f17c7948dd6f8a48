;;; init.el  -*- lexical-binding: t; -*-

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(package-initialize)
(require 'use-package)

(setq user-full-name "Kyle Schmidt")

(use-package smtpmail-multi
  :config
  (setq smtpmail-multi-accounts
        '((personal . ("kyle.schmidt@gmail.example"
                       "smtp.gmail.com"
                       587
                       "kyle.schmidt@gmail.example"
                       starttls
                       nil nil nil))
          (work     . ("kschmidt@work.example.com"
                       "smtp.gmail.com"
                       587
                       "kschmidt@work.example.com"
                       starttls
                       nil nil nil))))
  (setq smtpmail-multi-associations
        '(("kyle.schmidt@gmail.example" personal)
          ("kschmidt@work.example.com" work)))
  (setq smtpmail-multi-default-account 'personal)
  (setq message-send-mail-function 'smtpmail-multi-send-it))

(setq user-mail-address "kyle.schmidt@gmail.example")
(setq smtpmail-debug-info t
      smtpmail-debug-verbose t)
