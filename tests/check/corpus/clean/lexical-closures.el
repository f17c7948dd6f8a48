;;; init.el -*- lexical-binding: t -*-
(defun my/make-account (user host)
  (lambda () (list user host)))
(let* ((account (my/make-account "victor@example.org" "smtp.example.org"))
       (fields (funcall account)))
  (setq user-mail-address (car fields)
        smtpmail-smtp-server (cadr fields)))
(setq smtpmail-smtp-service 587
      send-mail-function 'smtpmail-send-it)
