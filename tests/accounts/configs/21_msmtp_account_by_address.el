;; msmtp picks the account from the envelope sender: each context changes only the address.
(setq sendmail-program "msmtp"
      send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      mail-specify-envelope-from t
      message-sendmail-envelope-from 'header
      mail-envelope-from 'header)
(with-eval-after-load 'mu4e
  (setq mu4e-contexts
        (list (make-mu4e-context :name "q" :vars '((user-mail-address . "quinn@q.example")))
              (make-mu4e-context :name "r" :vars '((user-mail-address . "quinn@r.example")
                                                   (user-full-name . "Quinn R."))))))
